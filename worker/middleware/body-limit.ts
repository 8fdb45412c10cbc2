import { bodyLimit } from "hono/body-limit";
import { MAX_BODY_BYTES } from "../../schema/response";
import { ApiError } from "../errors";

/** The public writes' body limit (contract: 413 over 16 KiB), also for chunked bodies. */
export const limitBody = () =>
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError(413, "payload_too_large", `The body is over ${MAX_BODY_BYTES} bytes`);
    },
  });
