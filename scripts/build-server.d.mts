// Types of build-server.mjs for the TypeScript that imports it (the bench).
export declare const serverBundle: string;
export declare const adminBundle: string;
export declare function buildServer(): Promise<string>;
