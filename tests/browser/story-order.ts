import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The browser stories share one running stack and run one file at a time; the story that presses
 * Ctrl-C on it must come last. Other projects keep vitest's own order.
 */
export class StoryOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const isStory = (file: TestSpecification) => file.project.name === "browser";
    const isShutdown = (file: TestSpecification) => file.moduleId.endsWith("/shutdown.test.ts");
    const stories = sorted.filter(isStory).sort((a, b) => Number(isShutdown(a)) - Number(isShutdown(b)) || a.moduleId.localeCompare(b.moduleId));
    return [...sorted.filter((file) => !isStory(file)), ...stories];
  }
}
