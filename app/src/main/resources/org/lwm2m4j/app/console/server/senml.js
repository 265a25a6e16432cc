// SenML JSON values as the client page shows and writes them: records to [path, value, time],
// and a value typed by its resource's model to a record.

/** SenML JSON records as [path, value, time] with base name and time resolved. */
export function senmlValues(records) {
  const out = [];
  let baseName = '';
  let baseTime = 0;
  for (const record of records || []) {
    if (record.bn !== undefined) baseName = record.bn;
    if (record.bt !== undefined) baseTime = record.bt;
    const name = baseName + (record.n || '');
    let value;
    if (record.vb !== undefined) value = String(record.vb);
    else if (record.v !== undefined) value = String(record.v);
    else if (record.vs !== undefined) value = record.vs;
    else if (record.vlo !== undefined) value = record.vlo;
    else if (record.vd !== undefined) value = '0x' + base64ToHex(record.vd);
    else continue;
    const time = record.t !== undefined || record.bt !== undefined ? baseTime + (record.t || 0) : undefined;
    out.push([name, value, time]);
  }
  return out;
}

function base64ToHex(text) {
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4));
    return [...binary].map(c => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
  } catch (e) {
    return text;
  }
}

function hexToBase64Url(hex) {
  const clean = hex.replace(/^0x/i, '').replace(/\s+/g, '');
  if (!/^([0-9a-fA-F]{2})*$/.test(clean)) {
    throw new Error('an opaque value is hex digits, two per byte');
  }
  let binary = '';
  for (let i = 0; i < clean.length; i += 2) {
    binary += String.fromCharCode(parseInt(clean.substring(i, i + 2), 16));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** One SenML record for a value typed as the model says. */
export function senmlRecord(path, type, text) {
  switch (type) {
    case 'Integer':
    case 'Unsigned Integer':
    case 'Float':
    case 'Time': {
      const number = Number(text);
      if (text.trim() === '' || !isFinite(number)) {
        throw new Error('"' + text + '" is not a number');
      }
      return { n: path, v: number };
    }
    case 'Boolean':
      if (text !== 'true' && text !== 'false') {
        throw new Error('a boolean is true or false');
      }
      return { n: path, vb: text === 'true' };
    case 'Opaque':
      return { n: path, vd: hexToBase64Url(text) };
    case 'Objlnk':
      if (!/^\d+:\d+$/.test(text)) {
        throw new Error('an object link looks like 3:0');
      }
      return { n: path, vlo: text };
    default:
      return { n: path, vs: text };
  }
}

/** A record to start editing from: the current value where it types, else an empty one of the type. */
export function sampleRecord(path, type, current) {
  try {
    if (current !== undefined && type !== 'Opaque') {
      return senmlRecord(path, type, current);
    }
  } catch (e) {
    // fall through to an empty sample
  }
  switch (type) {
    case 'Integer': case 'Unsigned Integer': case 'Float': case 'Time': return { n: path, v: 0 };
    case 'Boolean': return { n: path, vb: false };
    case 'Opaque': return { n: path, vd: '' };
    case 'Objlnk': return { n: path, vlo: '0:0' };
    default: return { n: path, vs: '' };
  }
}
