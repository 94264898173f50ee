// The package's ESM entry cannot be loaded by Node's require; its UMD bundle can, with the same API.
declare module 'adaptivecards/dist/adaptivecards.js' {
  export * from 'adaptivecards';
}
