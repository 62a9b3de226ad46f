// js-yaml ships JavaScript only; the compose tests only need its parser.
declare module 'js-yaml' {
  export const load: (text: string) => unknown;
}
