import { useLocation, useNavigate } from 'react-router-dom';

/** "Back" returns to the list the user came from (with its filters) when there is one. */
export function useBack(fallback: string): () => void {
  const navigate = useNavigate();
  const location = useLocation();
  return () => (location.key !== 'default' ? navigate(-1) : navigate(fallback));
}

/** Clicks on links and buttons inside a table row keep their own meaning instead of opening the row. */
export function isInteractive(target: EventTarget | null): boolean {
  return (
    target instanceof Element &&
    target.closest('a,button,input,.ant-typography-expand,.ant-typography-collapse,.ant-table-row-expand-icon') !== null
  );
}
