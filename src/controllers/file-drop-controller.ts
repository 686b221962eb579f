import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {emit} from '../events/emit.js';
import {listen, type Listener} from './listeners.js';

/** What the controller needs from its host: an element that says whether it takes files. */
export interface FileDropHost extends ReactiveControllerHost, HTMLElement {
  readonly canTakeFiles: boolean;
}

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') === true;

/**
 * Files dragged onto the host: `isDragging` while files hover over it (the host shows its
 * drop overlay), and one `lc-send-file` per file dropped. Drags of text or links, and any
 * drag while the host takes no files, are left to the browser.
 */
export class FileDropController implements ReactiveController {
  /** Whether files are being dragged over the host. */
  isDragging = false;

  // dragenter/dragleave fire for every child crossed: only the outermost pair counts.
  private depth = 0;

  constructor(private readonly host: FileDropHost) {
    host.addController(this);
  }

  hostConnected(): void {
    listen(true, this.listeners);
  }

  hostDisconnected(): void {
    listen(false, this.listeners);
    this.setDragging(false);
  }

  private get listeners(): Listener[] {
    return [
      [this.host, 'dragenter', this.handleDragEnter],
      [this.host, 'dragover', this.handleDragOver],
      [this.host, 'dragleave', this.handleDragLeave],
      [this.host, 'drop', this.handleDrop],
    ];
  }

  private readonly handleDragEnter = (event: DragEvent): void => {
    if (!carriesFiles(event) || !this.host.canTakeFiles) return;
    event.preventDefault();
    this.depth++;
    this.setDragging(true);
  };

  private readonly handleDragOver = (event: DragEvent): void => {
    if (!carriesFiles(event) || !this.host.canTakeFiles) return;
    // Without this the browser would open the file in place of the page.
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  };

  private readonly handleDragLeave = (): void => {
    if (!this.isDragging) return;
    this.depth = Math.max(0, this.depth - 1);
    if (this.depth === 0) this.setDragging(false);
  };

  private readonly handleDrop = (event: DragEvent): void => {
    this.depth = 0;
    this.setDragging(false);
    if (!carriesFiles(event) || !this.host.canTakeFiles) return;
    event.preventDefault();
    for (const file of event.dataTransfer?.files ?? []) emit(this.host, 'lc-send-file', {file});
  };

  private setDragging(isDragging: boolean): void {
    if (this.isDragging === isDragging) return;
    this.isDragging = isDragging;
    this.host.requestUpdate();
  }
}
