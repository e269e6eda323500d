// The conversion layer's one failure (ConversionError: the input is not a document) becomes the server's typed
// 400 here, keeping the cause. Anything else thrown by a conversion is a bug and stays a 500.
import { ConversionError } from '../../../shared/lexical/conversion-error';
import { badRequest } from '../errors';

export function asBadRequest<T>(convert: () => T): T {
  try {
    return convert();
  } catch (error) {
    if (error instanceof ConversionError) throw badRequest(error.message, error);
    throw error;
  }
}
