// Authoring scripts of the option, IOCTL and WskControlClient vector files (node scripts/vectors/<topic>.js). Every expected byte
// string below is written by hand from WSK-SPEC.md / the cited pages; the scripts only assemble JSON around them
// and never run the simulator.
// Vector-authoring helpers: expected bytes are written by hand in the vector scripts; these only assemble JSON.
const fs = require('fs');
exports.ARCHES = ['x86', 'x64'];
exports.sock = (as, family, type, flags) => ({ op: 'socket', as, family, type, protocol: 0, flags, expect: { status: 'STATUS_SUCCESS' } });
exports.bind = (socket, address) => ({ op: 'bind', socket, address, irp: { fill: '00' }, expect: { status: 'STATUS_SUCCESS' } });
// IO_STATUS_BLOCK image inside an IRP filled with cc: x86 = Status(4) Information(4); x64 = Status(4) [4 untouched] Information(8)
exports.ios = (arch, status, info) => arch === 'x86' ? status + info : status + 'cccccccc' + info + '00000000';
exports.irpDone = (arch, statusName, statusHex, infoHex4) => ({ completed: true, status: statusName, information: parseInt(infoHex4.match(/../g).reverse().join(''), 16), ioStatus: exports.ios(arch, statusHex, infoHex4) });
exports.write = (name, title, vectors) => {
  fs.writeFileSync(require('path').join(__dirname, '..', '..', 'vectors', `${name}.json`), JSON.stringify({ format: 'wsksim/vectors@1', title, vectors }, null, 2) + '\n');
  console.log(name, vectors.length);
};
exports.ST = { SUCCESS: '00000000', INVALID_PARAMETER: '0d0000c0', INVALID_DEVICE_REQUEST: '100000c0', BUFFER_TOO_SMALL: '230000c0', NOT_SUPPORTED: 'bb0000c0', INVALID_DEVICE_STATE: '840100c0', INVALID_BUFFER_SIZE: '060200c0', NOT_FOUND: '250200c0', CANCELLED: '200100c0' };
