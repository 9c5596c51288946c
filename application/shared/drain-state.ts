/** Whether the process is shutting down; readiness answers 503 from the moment draining starts. */
export class DrainState {
  private draining = false;

  startDraining(): void {
    this.draining = true;
  }

  isDraining(): boolean {
    return this.draining;
  }
}
