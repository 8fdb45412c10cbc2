import { bodyLimit } from "hono/body-limit";
import { MAX_BODY_BYTES } from "../../schema/response";
import { ApiError } from "../errors";

/**
 * Every write's body limit, checked before the body is read or parsed (Content-Length first, then the
 * bytes as they stream, so a chunked body is cut at the limit too): 413 `payload_too_large`. 16 KiB
 * (the contract's limit) unless a route needs more (config: `MAX_CONFIG_BODY_BYTES`).
 */
export const limitBody = (maxSize: number = MAX_BODY_BYTES) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError(413, "payload_too_large", `The body is over ${maxSize} bytes; send a smaller one`);
    },
  });
