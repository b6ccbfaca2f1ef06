import * as Comlink from 'comlink';
import { db } from '../db/schema';
import { createScoringEngine } from './engine';

Comlink.expose(createScoringEngine(db));
