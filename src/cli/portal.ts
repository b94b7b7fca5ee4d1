// `ecoplan portal export --out DIR`: the whole public portal as static files (pages, data files, documents, the
// stylesheet) with relative links, for any web host to serve as they are. The same PortalSite the server answers
// from, so the copy is the live site of the same data version.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { buildPortalModel } from '../portal/model.js';
import { loadPortalInput } from '../portal/load.js';
import { PortalSite } from '../portal/site.js';
import { resolvePlan } from '../store/plans.js';
import { openStore } from './store.js';

export async function portalExport(opts: { out: string; db: string; planDir?: string }): Promise<number> {
  const started = performance.now();
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const ref = await resolvePlan(store.db, store.plan.meta.id);
    const site = new PortalSite(buildPortalModel(await loadPortalInput(store.db, store.plan, ref?.revision ?? 1)));
    const out = resolve(opts.out);
    const paths = site.paths();
    let bytes = 0;
    for (const path of paths) {
      const file = await site.file(path)!;
      const target = join(out, ...path.split('/'));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.body);
      bytes += file.body.length;
    }
    const m = site.model;
    console.log(`✔ 已导出公开平台 ${paths.length} 个文件（${(bytes / 1048576).toFixed(1)} MB）→ ${out}（入口 index.html）/ exported the portal: ${paths.length} files`);
    console.log(`  数据版本 / data version ${m.dataVersion}；评估年份 / evaluation year ${m.year}；${m.observations.length} 条已审定数值 / approved values；${m.documents.length} 个已发布文件 / published documents`);
    if (m.usesDemo) console.log('  * 含示例数据（页面已标注）/ includes example data (marked on the pages)');
    console.log(`  用时 / took ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } finally {
    await store.close();
  }
}
