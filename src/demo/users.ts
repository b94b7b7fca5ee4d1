// Demo accounts of the embedded demo plan (its department ids), for `serve --demo`. Demo data, not part of any plan.
import type { Role } from '../store/schema.js';

/** Demo accounts for `serve --demo`, with demo passwords printed on start. Only created in demo mode. */
export const DEMO_USERS: { username: string; role: Role; department: string | null; name: string }[] = [
  { username: 'admin', role: 'admin', department: null, name: '系统管理员（演示）' },
  { username: 'reviewer', role: 'reviewer', department: 'sthjj', name: '市生态环境局审核员（演示）' },
  { username: 'forestry', role: 'reporter', department: 'lyj', name: '市林业局填报员（演示）' },
  { username: 'water', role: 'reporter', department: 'swj', name: '市水务局填报员（演示）' },
  { username: 'lechang', role: 'reporter', department: 'lcs', name: '乐昌市人民政府填报员（演示）' },
  { username: 'leader', role: 'viewer', department: null, name: '市领导（演示，只读）' },
];
