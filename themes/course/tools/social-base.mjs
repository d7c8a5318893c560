// Draws the background of the social images (assets/social/base.png): the favicon's blue, with
// its lanes of running threads along the bottom. Hugo writes each page's text on it at build time
// (layouts/partials/course/social-image.html); run this only to change the design:
//   node themes/course/tools/social-base.mjs themes/course/assets/social/base.png
// A PNG by hand (zlib is Node's own), so that drawing a few rectangles needs no package.
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

// Open Graph's recommended size; the partial reads the size from the image, never from here.
const WIDTH = 1200;
const HEIGHT = 630;
// The favicon's colours (static/favicon.svg).
const BLUE = [0x1f, 0x4e, 0x79];
const SKY = [0x8f, 0xd3, 0xff];
const AMBER = [0xff, 0xd1, 0x66];

// Three lanes of a timeline, as in the favicon: [x, y, width, colour]. The text column above them
// (y < 470) stays plain blue: the partial draws the title on a piece cut from its top left.
const BAR_HEIGHT = 22;
const bars = [
  [80, 500, 360, SKY],
  [520, 500, 200, AMBER],
  [800, 500, 320, SKY],
  [200, 538, 300, AMBER],
  [580, 538, 420, SKY],
  [80, 576, 240, SKY],
  [400, 576, 260, AMBER],
  [740, 576, 380, SKY],
];

function colourAt(x, y) {
  for (const [left, top, width, colour] of bars) {
    const radius = BAR_HEIGHT / 2;
    const dx = Math.max(left + radius - x, 0, x - (left + width - radius));
    const dy = Math.abs(y + 0.5 - (top + radius));
    if (dy <= radius && dx * dx + dy * dy <= radius * radius) return colour;
  }
  return BLUE;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(WIDTH, 0);
header.writeUInt32BE(HEIGHT, 4);
header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, RGB, no interlace
const rows = Buffer.alloc(HEIGHT * (1 + WIDTH * 3));
for (let y = 0; y < HEIGHT; y++) {
  const row = y * (1 + WIDTH * 3); // each row starts with its filter type, 0 (none)
  for (let x = 0; x < WIDTH; x++) rows.set(colourAt(x, y), row + 1 + x * 3);
}
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(rows, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(process.argv[2] ?? 'base.png', png);
