// A report's chart drawn to PNG on the server: a real PNG of the promised size, with something on
// it, and its Chinese title drawn in glyphs (the CJK font found), not left blank.
import { strict as assert } from 'node:assert';
import { drawChart } from '../../../src/domains/reports/charts/chart-png.js';
import type { ReportChart } from '../../../src/domains/report-section.js';

const PER_DAY: ReportChart = {
  id: 'incidents-per-day',
  title: '每日事件数（按级别）',
  shape: 'stacked',
  categories: ['11-23', '11-24', '11-25', '11-26', '11-27', '11-28', '11-29'],
  series: [
    { name: 'P1', values: [1, 0, 2, 0, 1, 0, 0] },
    { name: 'P2', values: [2, 1, 0, 3, 1, 0, 1] },
  ],
};

/** Pixels of rows [top, bottom) that are not white. */
function inked(drawn: ReturnType<typeof drawChart>, top: number, bottom: number): number {
  let count = 0;
  for (let y = top; y < bottom; y++) {
    for (let x = 0; x < drawn.width; x++) {
      const i = (y * drawn.width + x) * 4;
      if (drawn.pixels[i]! < 200 || drawn.pixels[i + 1]! < 200 || drawn.pixels[i + 2]! < 200) count++;
    }
  }
  return count;
}

describe('Reports: a chart as PNG', function () {
  this.timeout(20_000);

  it('is a PNG 1440 × 960 pixels (720 × 480 drawn at twice the density, for phones) with bars on it', function () {
    const drawn = drawChart(PER_DAY);
    assert.deepEqual([...drawn.png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(drawn.png.readUInt32BE(16), 1440, 'IHDR width');
    assert.equal(drawn.png.readUInt32BE(20), 960, 'IHDR height');
    assert.ok(drawn.png.length > 10_000, `a real picture, not an empty one (${drawn.png.length} bytes)`);
    // The bars: far more than a few stray pixels in the plot area.
    assert.ok(inked(drawn, 200, 800) > 50_000, 'the plot area has bars');
  });

  it('draws its Chinese title in glyphs: the title band is inked, and not when the title is empty', function () {
    const titled = inked(drawChart(PER_DAY), 0, 110);
    const untitled = inked(drawChart({ ...PER_DAY, title: '' }), 0, 110);
    assert.equal(untitled, 0, 'nothing in the title band without a title');
    // Ten CJK characters at 48 px each leave thousands of dark pixels; missing glyphs leave none.
    assert.ok(titled > 3_000, `the title's glyphs are drawn (${titled} inked pixels)`);
  });
});
