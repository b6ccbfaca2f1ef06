/**
 * Preload script of the Baton window (sandboxed and context-isolated; built as one CommonJS
 * file that requires nothing but 'electron').
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('baton', createBridge(ipcRenderer));
