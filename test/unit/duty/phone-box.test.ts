// Phone numbers sealed with AES-256-GCM: opened only with the same key, never stored or shown plain.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { Secret } from '../../../src/config/secret.js';
import { maskPhone, normalizePhone, PhoneBox } from '../../../src/domains/duty/rules/phone-box.js';

const key = () => new Secret(randomBytes(32).toString('base64'));

describe('duty phone numbers', function () {
  it('seals a number so the sealed text does not hold it, and opens it with the same key only', function () {
    const box = new PhoneBox(key());
    const sealed = box.seal('13812345678');
    assert.doesNotMatch(sealed, /13812345678|5678/);
    assert.notEqual(box.seal('13812345678'), sealed, 'a new IV each time');
    assert.equal(box.open(sealed), '13812345678');
    assert.equal(new PhoneBox(key()).open(sealed), undefined);
    const [v, iv, tag, body] = sealed.split(':');
    const tampered = [v, iv, tag, Buffer.from('x' + body).toString('base64')].join(':');
    assert.equal(box.open(tampered), undefined);
  });

  it('masks all but the first three and last four digits, and reads typed numbers', function () {
    assert.equal(maskPhone('13812345678'), '138****5678');
    assert.equal(normalizePhone('+86 138-1234-5678'), '+8613812345678');
    assert.equal(normalizePhone('call me'), undefined);
  });

  it('refuses a key that is not 32 bytes', function () {
    assert.throws(() => new PhoneBox(new Secret(randomBytes(16).toString('base64'))), /32 bytes/);
  });
});
