import * as Comlink from 'comlink';
import { createPanelEngine } from './agreement-engine';

Comlink.expose(createPanelEngine());
