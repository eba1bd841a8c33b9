import '@xyflow/react/dist/style.css';
import './styles/theme.css';
import './styles/shell.css';
import './styles/controls.css';
import './styles/views.css';
import './styles/graph.css';
import './styles/steering.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { chooseApi } from './api/choose-api';
import { App } from './app';
import { createControlRoomStore, type Preferences } from './store/control-room-store';
import { ControlRoomProvider } from './store/store-context';

const PREFERENCES_KEY = 'signalbox.preferences';

const { api, missingToken } = chooseApi();
const store = createControlRoomStore(api, {
  missingToken,
  preferences: {
    load: () => {
      try {
        return JSON.parse(localStorage.getItem(PREFERENCES_KEY) ?? '{}') as Preferences;
      } catch {
        return {};
      }
    },
    save: (preferences) => localStorage.setItem(PREFERENCES_KEY, JSON.stringify(preferences)),
  },
});
store.getState().actions.start();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ControlRoomProvider store={store}>
      <App />
    </ControlRoomProvider>
  </StrictMode>,
);
