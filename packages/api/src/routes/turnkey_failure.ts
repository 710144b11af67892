/**
 * How a failed Turnkey `get_user` call is answered: 404 when Turnkey says the user (or
 * organization) does not exist, 502 when it rejects the server's own API key or answers
 * something unexpected, 504 on timeout, 500 when the server's own key pair fails its curve check
 * (found on the first lookup: see `turnkey_stamper.ts`). Turnkey's message is neither passed
 * through nor logged (it can name our key, our organization or a user): the log gets its status
 * and codes (see `failure_log.ts`).
 *
 * @module
 */
import {
  TurnkeyApiError,
  TurnkeyResponseError,
  TurnkeyTimeoutError,
} from "@spkey/contracts/turnkey";
import { ConfigError } from "../config_parse.ts";
import { ApiException } from "../errors.ts";

const GRPC_NOT_FOUND = 5;
const GRPC_PERMISSION_DENIED = 7;
const GRPC_UNAUTHENTICATED = 16;

/** The lookup outcome for the audit line and the exception to throw. */
export function turnkeyFailure(error: unknown): { outcome: string; exception: ApiException } {
  if (error instanceof ConfigError) {
    // The same answer as a Worker whose settings fail at start-up; the log line names them.
    return {
      outcome: "misconfigured",
      exception: new ApiException(500, "The service is not configured correctly.", {
        cause: error,
      }),
    };
  }
  if (error instanceof TurnkeyTimeoutError) {
    return {
      outcome: "timeout",
      exception: new ApiException(504, "Turnkey did not answer in time.", { cause: error }),
    };
  }
  if (error instanceof TurnkeyApiError) {
    if (error.status === 404 || error.grpcCode === GRPC_NOT_FOUND) {
      return {
        outcome: "not_found",
        exception: new ApiException(404, "Turnkey has no such user in the organization.", {
          cause: error,
        }),
      };
    }
    const rejectedKey = error.status === 401 || error.status === 403 ||
      error.grpcCode === GRPC_UNAUTHENTICATED || error.grpcCode === GRPC_PERMISSION_DENIED;
    if (rejectedKey) {
      return {
        outcome: "upstream_rejected",
        exception: new ApiException(502, "Turnkey rejected the server's API key.", {
          cause: error,
        }),
      };
    }
    return {
      outcome: "upstream_error",
      exception: new ApiException(502, "The Turnkey request failed.", { cause: error }),
    };
  }
  if (error instanceof TurnkeyResponseError) {
    return {
      outcome: "upstream_invalid",
      exception: new ApiException(502, "Turnkey answered with an unexpected response.", {
        cause: error,
      }),
    };
  }
  return {
    outcome: "upstream_error",
    exception: new ApiException(502, "The Turnkey request failed.", { cause: error }),
  };
}
