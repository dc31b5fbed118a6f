// A report's chart as a PNG a phone shows well: Apache ECharts draws it as SVG on the server (its
// SSR renderer: no browser, no canvas), and resvg turns the SVG into PNG with the Noto CJK font, so
// Chinese labels render. Drawn 720 px wide at twice the pixels, with large type: shrunk to a phone's
// width it stays readable. Chosen for being well kept (ECharts: Apache; resvg-js: a maintained Rust
// renderer shipping its binary as a platform package, nothing downloaded at install).
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { ReportChart } from '../../report-section.js';

/** Debian's fonts-noto-cjk (installed by .ci/run; README names it for servers). */
export const CJK_FONT_FILE = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const FONT_FAMILY = 'Noto Sans CJK SC';

const WIDTH = 720;
const HEIGHT = 480;
/** Pixels per SVG unit: a 1440 px wide PNG stays sharp on a phone's dense screen. */
const SCALE = 2;
/** One colour per series, told apart without relying on hue alone (P1 darkest). */
const COLORS = ['#b42318', '#f79009', '#2e90fa', '#667085', '#12b76a'];

/** The SVG of `chart` (what the PNG is drawn from). */
export function chartSvg(chart: ReportChart): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  try {
    // Type sizes in the 720-unit drawing: a phone shows it about half size, so 26 reads as 13 px.
    const crowded = chart.categories.length > 8;
    instance.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      color: COLORS,
      textStyle: { fontFamily: FONT_FAMILY, fontSize: 26 },
      title: { text: chart.title, left: 'center', top: 10, textStyle: { fontSize: 34, fontWeight: 'bold' } },
      legend: { bottom: 6, textStyle: { fontSize: 26 }, itemWidth: 28, itemHeight: 18, itemGap: 24 },
      grid: { left: 16, right: 24, top: 78, bottom: 60, containLabel: true },
      xAxis: {
        type: 'category',
        data: chart.categories,
        axisLabel: { fontSize: crowded ? 20 : 26, interval: 0, rotate: crowded ? 45 : 0 },
      },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 24 } },
      series: chart.series.map((series) => ({
        type: 'bar',
        name: series.name,
        data: series.values,
        ...(chart.shape === 'stacked' ? { stack: 'all' } : {}),
        label: chart.shape === 'grouped' ? { show: true, position: 'top', fontSize: 26 } : { show: false },
      })),
    });
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

/** A drawn chart: the PNG, its size in pixels, and its RGBA pixels (what a test looks at). */
export interface DrawnChart {
  png: Buffer;
  width: number;
  height: number;
  pixels: Buffer;
}

/** `chart` drawn. Throws when the CJK font is missing (a chart with boxes for words helps nobody). */
export function drawChart(chart: ReportChart): DrawnChart {
  if (!existsSync(CJK_FONT_FILE)) {
    throw new Error(`the CJK font ${CJK_FONT_FILE} is missing: install Debian's fonts-noto-cjk`);
  }
  const resvg = new Resvg(chartSvg(chart), {
    fitTo: { mode: 'width', value: WIDTH * SCALE },
    font: { fontFiles: [CJK_FONT_FILE], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    background: '#ffffff',
  });
  const image = resvg.render();
  return {
    png: Buffer.from(image.asPng()),
    width: image.width,
    height: image.height,
    pixels: Buffer.from(image.pixels),
  };
}

/** `chart` as PNG bytes (see drawChart). */
export function chartPng(chart: ReportChart): Buffer {
  return drawChart(chart).png;
}
