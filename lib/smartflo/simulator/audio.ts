// A short generated recording (a two-tone "conversation" in 8 kHz mono PCM WAV), served with Range.
export function makeWav(seconds: number): Buffer {
  const rate = 8000;
  const samples = Math.max(1, Math.round(Math.min(Math.max(seconds, 1), 20) * rate));
  const buffer = Buffer.alloc(44 + samples * 2);
  buffer.write("RIFF", 0);
  buffer.writeUInt32LE(36 + samples * 2, 4);
  buffer.write("WAVE", 8);
  buffer.write("fmt ", 12);
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20); // PCM
  buffer.writeUInt16LE(1, 22); // mono
  buffer.writeUInt32LE(rate, 24);
  buffer.writeUInt32LE(rate * 2, 28);
  buffer.writeUInt16LE(2, 32);
  buffer.writeUInt16LE(16, 34);
  buffer.write("data", 36);
  buffer.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) {
    const t = i / rate;
    const speaker = Math.floor(t / 1.5) % 2; // alternate "voices" every 1.5 s
    const freq = speaker ? 330 : 220;
    const envelope = Math.min(1, (t % 1.5) * 8, (1.5 - (t % 1.5)) * 8) * 0.3;
    buffer.writeInt16LE(Math.round(Math.sin(2 * Math.PI * freq * t) * envelope * 32767), 44 + i * 2);
  }
  return buffer;
}

/** Parses a single `bytes=a-b` range; null when absent or unsatisfiable. */
export function parseRange(header: string | null | undefined, size: number): { start: number; end: number } | null | "invalid" {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (!m[1] && !m[2])) return "invalid";
  let start: number;
  let end: number;
  if (!m[1]) {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
  }
  if (start > end || start >= size) return "invalid";
  return { start, end };
}
