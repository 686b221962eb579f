/**
 * A module loaded on first need, in a chunk of its own; `module` is there once it has loaded.
 * A failed load is tried again at the next need.
 */
export class LazyModule<M> {
  module: M | null = null;
  private loading: Promise<M> | null = null;

  constructor(private readonly importer: () => Promise<M>) {}

  load(): Promise<M> {
    this.loading ??= this.importer().then(
      (module) => (this.module = module),
      (error: unknown) => {
        this.loading = null;
        throw error;
      },
    );
    return this.loading;
  }
}
