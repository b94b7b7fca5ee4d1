// `ecoplan api openapi`: the OpenAPI document of this build's HTTP API, from the app's own route schemas (nothing is
// served, no database is opened), for integrators to generate a client in their language.
import { writeFileSync } from 'node:fs';
import { openApiText } from '../server/openapi.js';

export async function apiOpenapi(opts: { out?: string; version: string }): Promise<number> {
  const text = await openApiText(opts.version);
  if (!opts.out) {
    process.stdout.write(text);
    return 0;
  }
  try {
    writeFileSync(opts.out, text);
  } catch (e) {
    console.error(`无法写入 ${opts.out}：${(e as Error).message} / cannot write ${opts.out}`);
    return 1;
  }
  console.log(`已写入接口文档 ${opts.out}（OpenAPI 3.0，接口版本 ${opts.version}）/ wrote the OpenAPI document`);
  return 0;
}
