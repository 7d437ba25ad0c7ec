import { app, powerMonitor, session, shell } from 'electron';
import type { Platform } from '../../shared/checks';
import { createHandlers } from '../../node/agent/ipc-handlers';
import type { AgentService } from '../../node/agent/service';
import { createAgentService } from '../agent/start-agent';
import { broadcast, broadcastSnapshot, registerIpc } from '../ipc/ipc-main';
import { TrustedSenders } from '../ipc/trusted-senders';
import { Notifier } from '../notify/notifier';
import { serveAppProtocol } from '../protocol/register-app-protocol';
import { mailtoOpener } from '../security/mailto';
import { lockDownSession } from '../security/session-policy';
import { MamoriTray } from '../tray/mamori-tray';
import { alertFinding } from '../windows/alert-policy';
import { EVENTS } from '../../shared/ipc/channels';
import { ROUTES } from '../windows/routes';
import { WindowManager } from '../windows/window-manager';
import { appPaths } from './app-paths';
import { logError as log } from './log';

/** What runs while Mamori is up; the caller keeps it referenced (the Tray must not be collected). */
export interface RunningMamori {
  service: AgentService;
  tray: MamoriTray;
  windows: WindowManager;
}

/**
 * The composition root, run once the app is ready: the agent core from src/node, and around it the
 * tray, notifications, windows and IPC. Nothing here decides anything; the pure builders do.
 */
export async function startMamori(platform: Platform): Promise<RunningMamori> {
  const paths = appPaths({ appPath: app.getAppPath(), resourcesPath: process.resourcesPath, isPackaged: app.isPackaged });
  lockDownSession(session.defaultSession);
  serveAppProtocol(paths.rendererRoot);

  // A tray agent, not a Dock app.
  if (platform === 'darwin') app.dock?.hide();

  const service = await createAgentService(platform, powerMonitor);
  const allowQuit = () => service.policy.policy.allowQuit;

  const trusted = new TrustedSenders();
  const windows = new WindowManager({ preload: paths.preload, devTools: !app.isPackaged, trusted, log });
  // The contact action's mail link is built from the policy in src/node (never a renderer's URL),
  // and mailtoOpener refuses anything that is not mailto:, so openExternal is not given untrusted input.
  const openMail = mailtoOpener((url) => shell.openExternal(url)); // eng-disable OPEN_EXTERNAL_JS_CHECK
  registerIpc(createHandlers(service, openMail), trusted, log);

  const tray = new MamoriTray(paths.icons, {
    openStatus: () => windows.showStatus(ROUTES.status),
    openBooklet: () => windows.showStatus(ROUTES.booklet),
    openContacts: () => windows.showStatus(ROUTES.contacts),
    openReport: () => windows.showStatus(ROUTES.report),
    recheck: () => void service.recheck().catch((e: unknown) => log('recheck failed', e)),
    quit: () => app.quit(),
  });
  const notifier = new Notifier((findingId) => windows.showAlert(findingId));

  service.onSnapshot((snapshot) => {
    tray.update(snapshot, allowQuit());
    broadcastSnapshot(trusted, snapshot, log);
  });
  service.onReportStatus((status) => broadcast(trusted, EVENTS.reportStatus, status, log));
  service.onCycle(({ raised }) => {
    const alert = alertFinding(notifier.announce(raised, service.language));
    if (alert) windows.showAlert(alert.id);
  });

  tray.update(service.snapshot(), allowQuit());
  service.start();
  return { service, tray, windows };
}
