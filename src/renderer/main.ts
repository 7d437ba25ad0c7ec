// First, before any schema is created: see zod-setup.ts.
import './zod-setup';
import { connect, type Bridge } from './api';
import { App } from './app';

function bridge(): Bridge | null {
  try {
    return connect(window.mamori);
  } catch {
    return null;
  }
}

const root = document.getElementById('app');
const announcer = document.getElementById('announcer');
if (root && announcer) new App(root, announcer, bridge()).start();
