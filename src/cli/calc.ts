// `ecoplan calc <name>`: JSON on stdin, JSON on stdout; the same calculators as POST /api/v1/calc/<name>.
import { CALCULATORS, findCalculator } from '../calc/index.js';
import { runCalculator } from '../calc/calculator.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function calc(name: string): Promise<number> {
  const calculator = findCalculator(name);
  if (!calculator) {
    console.error(`✘ 未知的计算：${name}。可用：${CALCULATORS.map((c) => c.name).join('、')} / unknown calculation "${name}"; available: ${CALCULATORS.map((c) => c.name).join(', ')}`);
    return 2;
  }
  if (process.stdin.isTTY) {
    console.error(`✘ 请通过标准输入提供 JSON，例如 echo '{…}' | ecoplan calc ${name} / pipe a JSON document on stdin`);
    return 2;
  }
  const text = await readStdin();
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (e) {
    console.error(`✘ 标准输入不是有效的 JSON：${(e as Error).message} / stdin is not valid JSON: ${(e as Error).message}`);
    return 1;
  }
  const result = runCalculator(calculator, input);
  if (!result.ok) {
    for (const i of result.issues) console.error(`✘ ${i.message} / ${i.messageEn}`);
    return 1;
  }
  process.stdout.write(JSON.stringify(result.output, null, 2) + '\n');
  return 0;
}
