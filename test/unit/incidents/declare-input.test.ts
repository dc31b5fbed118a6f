// What a person types after /incident declare: severity, category (in English or as the plan
// names them in Chinese) and the title, which keeps whatever is not a category word.
import { strict as assert } from 'node:assert';
import { parseDeclare } from '../../../handlers/incidents/input.js';

describe('/incident declare arguments', () => {
  it('reads the category in English, or as the plan names it in Chinese, short or in full', () => {
    assert.deepEqual(parseDeclare(['P1', 'security', '疑似', '暴力破解']), {
      severity: 'P1',
      category: 'security',
      title: '疑似 暴力破解',
    });
    assert.deepEqual(parseDeclare(['P1', '技术', '数据库主从切换失败']), {
      severity: 'P1',
      category: 'technical',
      title: '数据库主从切换失败',
    });
    assert.deepEqual(parseDeclare(['P2', '安全问题', '异常登录']), {
      severity: 'P2',
      category: 'security',
      title: '异常登录',
    });
    assert.equal(parseDeclare(['常规', '证书', '续期']).category, 'routine');
  });

  it('keeps a word that is no category in the title', () => {
    assert.deepEqual(parseDeclare(['P3', '技术部', '网关超时']), {
      severity: 'P3',
      category: 'technical',
      title: '技术部 网关超时',
    });
  });
});
