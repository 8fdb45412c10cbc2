import { strings } from "./strings";

/**
 * Loading and failure, said once per view in a live region, so a screen reader hears when figures
 * change or fail to load. The retry button asks again.
 */
export function Status({ loading, error, reload }: { loading: boolean; error: Error | null; reload?: () => void }) {
  return (
    <div class="status" aria-live="polite">
      {error ? (
        <p class="error" role="alert">
          {strings.common.error(error.message)}{" "}
          {reload && (
            <button type="button" onClick={reload}>
              {strings.common.retry}
            </button>
          )}
        </p>
      ) : loading ? (
        <p class="muted">{strings.common.loading}</p>
      ) : null}
    </div>
  );
}
