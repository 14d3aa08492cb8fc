/** A progress line on stderr: redrawn in place on a terminal, every 10% otherwise (logs, CI). */
export interface Progress {
  update(done: number, total: number | undefined): void;
  finish(): void;
}

/** A byte count for people: kB, MB or GB. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e3).toFixed(0)} kB`;
}

export function progressBar(label: string, out: NodeJS.WriteStream = process.stderr): Progress {
  const tty = Boolean(out.isTTY);
  let lastStep = -1;
  let lastDraw = 0;
  let drawn = false;
  return {
    update(done, total) {
      if (tty) {
        const now = Date.now();
        if (now - lastDraw < 100 && (!total || done < total)) return;
        lastDraw = now;
        const frac = total ? Math.min(1, done / total) : undefined;
        const bar = frac === undefined ? "" : `[${"#".repeat(Math.round(frac * 30)).padEnd(30, ".")}] ${(frac * 100).toFixed(0).padStart(3)}% `;
        out.write(`\r${label} ${bar}${formatBytes(done)}${total ? ` / ${formatBytes(total)}` : ""}   `);
        drawn = true;
      } else if (total) {
        const step = Math.floor((done / total) * 10);
        if (step > lastStep) {
          lastStep = step;
          out.write(`${label} ${step * 10}% (${formatBytes(done)} / ${formatBytes(total)})\n`);
        }
      }
    },
    finish() {
      if (drawn) out.write("\n");
    },
  };
}
