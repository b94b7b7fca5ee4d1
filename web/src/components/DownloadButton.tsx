// A button for a file the server takes seconds to make (the Word report: 3–6 s): it shows that it is working
// from the first moment — a spinner in the button and, after a second, a message saying what is being made —
// and hands the file to the browser under the server's name for it, or says why not.
import { useRef, useState, type ReactNode } from 'react';
import { App as AntApp, Button, type ButtonProps } from 'antd';
import { ApiError, getFile } from '../api.js';
import { useI18n } from '../i18n.js';
import { apiMessages } from './Status.js';

function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function DownloadButton({ href, fileName, busyText, children, testId, type }: { href: string; fileName: string; busyText: string; children: ReactNode; testId: string; type?: ButtonProps['type'] }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const key = useRef(`download-${testId}`);
  const start = async () => {
    if (busy) return;
    setBusy(true);
    // Under a second nothing more is needed than the spinner; past it, say what is being made.
    const timer = setTimeout(() => void message.open({ key: key.current, type: 'loading', content: busyText, duration: 0 }), 1000);
    try {
      const { blob, fileName: name } = await getFile(href, fileName);
      saveBlob(blob, name);
      message.destroy(key.current);
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(0, 'CLIENT', null, String(e));
      message.open({ key: key.current, type: 'error', content: apiMessages(error, lang, t).primary, duration: 6 });
    } finally {
      clearTimeout(timer);
      setBusy(false);
    }
  };
  return (
    <Button type={type} href={href} loading={busy} data-testid={testId} data-busy={busy ? 'true' : 'false'} onClick={(e) => {
      // A plain click downloads through the page (with progress); a modified click still opens the link itself.
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      void start();
    }}>
      {children}
    </Button>
  );
}
