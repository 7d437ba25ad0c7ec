// Plain-Node tests must never load Electron (the real module tries to download a binary).
// Code under test that imports 'electron' gets this module and fails at once, saying why.
throw new Error('electron is not available in plain-Node tests: only src/main imports it, and src/main is tested through its pure builders');
