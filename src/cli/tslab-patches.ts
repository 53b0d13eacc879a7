/**
 * Changes to how tslab 1.0.22 runs cells, installed by the project's kernel (src/cli/tslab-kernel.ts)
 * before tslab starts. Each one patches a method of tslab's own classes (node_modules/tslab/dist/).
 */

/** tslab's Jupyter handler class (node_modules/tslab/dist/jupyter.js), as far as these patches use it. */
export interface TslabHandlerClass {
  prototype: {
    handleExecute(req: ExecuteRequest, writeStream: unknown, writeDisplayData: unknown): Promise<ExecuteReply>;
  };
}

interface TslabHandler {
  execQueue: { add<T>(task: () => Promise<T>): Promise<T> };
  handleExecuteImpl(req: ExecuteRequest, writeStream: unknown, writeDisplayData: unknown): Promise<{ count: number }>;
}

export interface ExecuteRequest {
  code: string;
  /** Jupyter's execute_request field: abort the requests queued behind this one if it fails (default true). */
  stop_on_error?: boolean;
}

export interface ExecuteReply {
  status: string;
  execution_count?: number;
}

/**
 * Makes a failing cell abort the cells after it only when its request asks for that
 * (`stop_on_error`, true unless the client says otherwise), as Jupyter's own kernels do.
 *
 * tslab answers every failure by rejecting its execution queue and resetting it 200 ms later, so every
 * execute request that arrives within those 200 ms is answered "abort" without running. That is
 * Jupyter's "Run All" stopping at an error, but it also happens to requests that say
 * `stop_on_error: false`: nbclient with `allow_errors=True` (`jupyter nbconvert --execute
 * --allow-errors`) and a cell tagged `raises-exception` send the next cell as soon as the failing
 * one replies, so the cells after an error ran without outputs. Such a request's failure now leaves
 * the queue as it is; the reply is the same "error" with the cell's execution count.
 */
export function honourStopOnError(handlerClass: TslabHandlerClass): void {
  const original = handlerClass.prototype.handleExecute;
  handlerClass.prototype.handleExecute = async function (this: TslabHandler, req: ExecuteRequest, writeStream: unknown, writeDisplayData: unknown): Promise<ExecuteReply> {
    if (req.stop_on_error !== false) return original.call(this, req, writeStream, writeDisplayData);
    let failure: { error: unknown } | null = null;
    let count: { count: number } | null;
    try {
      count = await this.execQueue.add(async () => {
        try {
          return await this.handleExecuteImpl(req, writeStream, writeDisplayData);
        } catch (error) {
          failure = { error };
          return null;
        }
      });
    } catch {
      // an earlier request that stops on error failed: this one is aborted, as tslab does
      return { status: "abort", execution_count: undefined };
    }
    if (failure === null) return { status: "ok", execution_count: count?.count };
    const error = (failure as { error: unknown }).error;
    // tslab throws its ExecutionCount object for a cell that failed; anything else is its own bug
    if (error !== null && typeof error === "object" && typeof (error as { count?: unknown }).count === "number") {
      return { status: "error", execution_count: (error as { count: number }).count };
    }
    console.error("unexpected error:", error);
    return { status: "error", execution_count: undefined };
  };
}
