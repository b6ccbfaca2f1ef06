import * as Comlink from 'comlink';
import { db } from '../db/schema';
import { createImportEngine } from './engine';

Comlink.expose(createImportEngine(db));
