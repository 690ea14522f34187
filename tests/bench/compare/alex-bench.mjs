// Times alex's own API on one text, in one process: the text is linted RUNS times after a few
// runs that warm the engine up, and the median time of one lint is printed as JSON with the
// number of messages. Usage: node alex-bench.mjs FILE [RUNS]
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { markdown } from 'alex';

const [file, runsText] = process.argv.slice(2);
if (file === undefined) {
  console.error('usage: node alex-bench.mjs FILE [RUNS]');
  process.exit(2);
}
const text = readFileSync(file, 'utf8');
const runs = Number(runsText ?? '20');
let messages = 0;
for (let warm = 0; warm < 3; warm += 1) {
  messages = markdown(text).messages.length;
}
const times = [];
for (let run = 0; run < runs; run += 1) {
  const start = performance.now();
  markdown(text);
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ tool: 'alex', median_ms: times[Math.floor(times.length / 2)], runs, messages }));
