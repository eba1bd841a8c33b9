/// <reference types="vite/client" />
import type { Api } from '../../shared/api';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    signalbox?: Api;
  }
}
