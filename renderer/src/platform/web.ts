import type { PlatformApi } from './types';

/** Opens the browser's file chooser. Resolves with [] when the reviewer cancels. */
function chooseFiles(directory: boolean): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.setAttribute('data-testid', directory ? 'folder-input' : 'file-input');
    if (directory) input.webkitdirectory = true;
    input.style.display = 'none';
    const done = (files: File[]) => {
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => done([...(input.files ?? [])]));
    input.addEventListener('cancel', () => done([]));
    document.body.appendChild(input);
    input.click();
  });
}

export function createWebPlatform(): PlatformApi {
  return {
    kind: 'web',
    pickFiles: ({ directory }) => chooseFiles(directory),
    async saveFile(name, data) {
      const url = URL.createObjectURL(data);
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.rel = 'noopener';
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 30_000);
      return true;
    },
    async openExternal(url) {
      if (!/^https?:\/\//i.test(url)) throw new Error('Only http(s) links open outside the app');
      window.open(url, '_blank', 'noopener,noreferrer');
    },
    onCommand: () => () => undefined,
    appVersion: async () => __APP_VERSION__,
  };
}
