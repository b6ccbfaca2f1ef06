/** A reviewer's `.baton-review` file, imported into the panel rather than the library (by name: the app's drop and picker routes decide before reading). */
export const isReviewFile = (name: string): boolean => name.toLowerCase().endsWith('.baton-review');
