#!/usr/bin/env node
// Draws Mamori's tray icons and app icon into build/icons/ and build/ (run: node build/icons/generate-icons.mjs).
// The output is committed; the drawing is deterministic, so running this again changes nothing
// unless the design below changes (test/main/tray-icon.test.ts checks the files are current).
//
// Each tray state has its own glyph, so the failing state is on the icon itself, in colour and
// without it (colour-blind users, macOS template images, greyscale remote sessions):
//   compliant ✓ green   warning ! amber   violation × red   unknown ? grey
// tray-<state>.png (16 px) and tray-<state>@2x.png (32 px) for Windows and Linux;
// tray-<state>Template.png / @2x for macOS (black and alpha only: the menu bar tints them).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Glyphs in a unit square: strokes (polylines) and dots, drawn with round ends. */
const GLYPHS = {
  compliant: { strokes: [[[0.29, 0.52], [0.44, 0.67], [0.72, 0.36]]], dots: [] },
  warning: { strokes: [[[0.5, 0.25], [0.5, 0.56]]], dots: [[0.5, 0.74]] },
  violation: { strokes: [[[0.33, 0.33], [0.67, 0.67]], [[0.67, 0.33], [0.33, 0.67]]], dots: [] },
  unknown: {
    strokes: [[[0.37, 0.37], [0.4, 0.28], [0.5, 0.24], [0.6, 0.28], [0.63, 0.37], [0.58, 0.45], [0.5, 0.5], [0.5, 0.57]]],
    dots: [[0.5, 0.74]],
  },
};

/** Fill, ring and glyph colours (RGB); amber takes a dark glyph for contrast. */
const COLOURS = {
  compliant: { fill: [46, 125, 50], ring: [27, 94, 32], glyph: [255, 255, 255] },
  warning: { fill: [249, 168, 37], ring: [196, 120, 0], glyph: [33, 33, 33] },
  violation: { fill: [198, 40, 40], ring: [142, 0, 0], glyph: [255, 255, 255] },
  unknown: { fill: [117, 117, 117], ring: [73, 73, 73], glyph: [255, 255, 255] },
  app: { fill: [21, 101, 192], ring: [13, 71, 161], glyph: [255, 255, 255] },
};

const STROKE = 0.065; // half-width of a glyph stroke, in units of the icon size
const DOT = 0.07;
const DISC = 0.47;
const RING = 0.045;

function segmentDistance(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Signed distances (negative inside) from a point to the disc and to the glyph. */
function shapes(glyph, x, y) {
  const disc = Math.hypot(x - 0.5, y - 0.5) - DISC;
  let mark = Infinity;
  for (const line of glyph.strokes) for (let i = 1; i < line.length; i++) mark = Math.min(mark, segmentDistance(x, y, line[i - 1], line[i]) - STROKE);
  for (const [cx, cy] of glyph.dots) mark = Math.min(mark, Math.hypot(x - cx, y - cy) - DOT);
  return { disc, mark };
}

const SAMPLES = 4; // 4×4 supersampling per pixel for anti-aliasing

/** RGBA pixels of one icon. `template`: black disc with the glyph cut out (macOS). */
function draw(size, glyph, colours, template) {
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const { disc, mark } = shapes(glyph, (px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size);
          if (disc > 0) continue;
          if (template) {
            if (mark > 0) a += 1;
            continue;
          }
          const colour = mark <= 0 ? colours.glyph : disc > -RING ? colours.ring : colours.fill;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const o = (py * size + px) * 4;
      // Colour is averaged over covered samples only (straight alpha), so edges do not darken.
      pixels[o] = a ? Math.round(r / a) : 0;
      pixels[o + 1] = a ? Math.round(g / a) : 0;
      pixels[o + 2] = a ? Math.round(b / a) : 0;
      pixels[o + 3] = Math.round((255 * a) / (SAMPLES * SAMPLES));
    }
  }
  return pixels;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A minimal PNG: 8-bit RGBA, no filtering, no metadata (so the bytes depend on the pixels only). */
function png(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Every file this script writes, by path relative to build/icons/, as bytes. */
export function iconFiles() {
  const files = {};
  for (const state of Object.keys(GLYPHS)) {
    for (const [suffix, size] of [['', 16], ['@2x', 32]]) {
      files[`tray-${state}${suffix}.png`] = png(size, draw(size, GLYPHS[state], COLOURS[state], false));
      files[`tray-${state}Template${suffix}.png`] = png(size, draw(size, GLYPHS[state], COLOURS[state], true));
    }
  }
  // The application icon (installers, shortcuts, notifications): electron-builder reads build/icon.png.
  files['../icon.png'] = png(512, draw(512, GLYPHS.compliant, COLOURS.app, false));
  return files;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [name, bytes] of Object.entries(iconFiles())) writeFileSync(path.join(here, name), bytes);
  console.log(`wrote ${Object.keys(iconFiles()).length} icons to ${path.relative(process.cwd(), here)}`);
}
