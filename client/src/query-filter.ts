// Picks parameters out of a query string while leaving the kept ones byte for byte as written: a token or a
// tokenUrl passed on is not re-encoded (URLSearchParams.toString would turn spaces into `+` and escape more).

/** `search` (with or without its `?`) reduced to the parameters whose name `shouldKeep` accepts, without a `?`. */
export function filterQuery(search: string, shouldKeep: (param: string) => boolean): string {
  return search
    .replace(/^\?/, '')
    .split('&')
    .filter((part) => {
      const param = new URLSearchParams(part).keys().next().value;
      return param !== undefined && shouldKeep(param);
    })
    .join('&');
}
