// Initial project → indicator links: ecoplan's own first reading of the plan text (附表 建设内容 against 表1),
// NOT part of the plan. They are editable in the console (PUT /projects/{no}/links); each edit is a new version
// with a reason, so this list only seeds the library. Keyed by plan id.
export const INITIAL_LINKS: Record<string, { project: number; indicators: number[]; why: string }[]> = {
  'shaoguan-2021-2035': [
    { project: 1, indicators: [13, 14, 21], why: '国家公园生态保护与修复，关系森林覆盖率、重点保护野生动物和自然保护地' },
    { project: 2, indicators: [20], why: '生态保护红线勘界定标' },
    { project: 3, indicators: [9, 10, 11, 22], why: '碧道建设实施水环境治理与岸线保护' },
    { project: 4, indicators: [12], why: '水土保持改善生态环境状况' },
    { project: 5, indicators: [22], why: '河湖岸线保护和利用规划' },
    { project: 8, indicators: [28], why: '一般工业固废资源化综合利用' },
    { project: 9, indicators: [24], why: '灌区节水改造降低用水量' },
    { project: 10, indicators: [24, 40], why: '节水型社会建设与节水器具推广' },
    { project: 11, indicators: [25, 23], why: '清洁能源替代降低碳排放强度和能耗' },
    { project: 12, indicators: [30, 9], why: '城镇污水处理设施及管网' },
    { project: 13, indicators: [29], why: '饮用水源地规范化建设' },
    { project: 14, indicators: [9, 11], why: '市区重点河流综合治理' },
    { project: 15, indicators: [9, 30], why: '新丰江流域水环境综合治理' },
    { project: 16, indicators: [16], why: '水生态调查摸清水生物种现状' },
    { project: 17, indicators: [12], why: '小流域水土流失治理' },
    { project: 18, indicators: [13], why: '水源涵养林建设' },
    { project: 20, indicators: [36, 37], why: '智慧绿色交通提升公共交通与绿色出行' },
    { project: 21, indicators: [32, 38], why: '餐厨垃圾收运处理' },
    { project: 22, indicators: [31, 33], why: '农村生活污水与生活垃圾治理' },
    { project: 23, indicators: [44, 45], why: '红色文化与生态文化公园提升公众参与' },
    { project: 24, indicators: [45], why: '研学基地促进公众参与生态文明' },
  ],
};
