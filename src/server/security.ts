// Response headers that limit what a page of ours may do if stored text ever reaches it as markup.
// The console and the API documentation load scripts only from this server, never inline; styles may be
// inline (Ant Design and ECharts set them at run time; a style cannot run code). The printable report loads nothing.
import type { FastifyInstance } from 'fastify';

/** The console (/admin/), the API documentation (/api/docs) and every other answer without a policy of its own. */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/** The annual report as HTML: inline CSS and inline SVG charts, nothing to fetch and nothing to run. */
export const REPORT_CSP = ["default-src 'none'", "style-src 'unsafe-inline'", "img-src data:", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'self'"].join('; ');

export function registerSecurityHeaders(app: FastifyInstance) {
  app.addHook('onSend', async (_req, reply, payload) => {
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', CONSOLE_CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    return payload;
  });
}
