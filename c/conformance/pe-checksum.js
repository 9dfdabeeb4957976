#!/usr/bin/env node
/*
 * Sets the PE image checksum (IMAGE_OPTIONAL_HEADER.CheckSum), which the Windows kernel checks when it loads a
 * driver and GNU ld leaves 0. Algorithm of imagehlp's CheckSumMappedFile: 16-bit one's-complement-style sum of
 * the file with the field taken as 0, folded to 16 bits, plus the file length.
 * Usage: node pe-checksum.js FILE.sys   (prints the checksum written)
 */
'use strict';
const fs = require('node:fs');

function peChecksum(b, fieldAt) {
  let sum = 0;
  for (let i = 0; i < b.length; i += 2) {
    if (i === fieldAt || i === fieldAt + 2) continue;
    sum += i + 1 < b.length ? b.readUInt16LE(i) : b[i];
    sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  }
  sum = (sum & 0xffff) + (sum >>> 16);
  return (sum + b.length) >>> 0;
}

function checksumOffset(b) {
  if (b.length < 0x40 || b.readUInt16LE(0) !== 0x5a4d) throw new Error('not a PE file (no MZ header)');
  const pe = b.readUInt32LE(0x3c);
  if (pe + 24 + 68 > b.length || b.readUInt32LE(pe) !== 0x00004550) throw new Error('not a PE file (no PE signature)');
  return pe + 4 + 20 + 64;
}

module.exports = { peChecksum, checksumOffset };

if (require.main === module) {
  const file = process.argv[2];
  if (!file) { console.error('usage: node pe-checksum.js FILE'); process.exit(2); }
  try {
    const b = fs.readFileSync(file);
    const at = checksumOffset(b);
    const sum = peChecksum(b, at);
    b.writeUInt32LE(sum, at);
    fs.writeFileSync(file, b);
    console.log(`0x${sum.toString(16).padStart(8, '0')}`);
  } catch (e) {
    console.error(`pe-checksum: ${file}: ${e.message}`);
    process.exit(2);
  }
}
