/**
 * Who Mamori is to the operating system. APP_ID must equal electron-builder.yml's appId: Windows
 * shows toasts only for an AppUserModelID that matches the installer's Start-menu shortcut
 * (test/main/packaging.test.ts checks the two agree).
 */
export const APP_ID = 'jp.go.mamori.agent';
