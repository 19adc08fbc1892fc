import { handleErrors } from "@prismatic-io/spectral/dist/clients/http";
import { isSpectralError } from "@prismatic-io/spectral";
import { BynderError, InputError } from "./errors";

/**
 * The component's error hook. Our own errors already carry Bynder's message and the status;
 * anything else from axios goes through spectral's handleErrors so its body is not lost.
 */
export const handleBynderErrors = (error: unknown): unknown =>
  error instanceof BynderError || error instanceof InputError || isSpectralError(error)
    ? error
    : handleErrors(error);
