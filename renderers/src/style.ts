// One constant style sheet for every slips output: VS Code's theme colours through its CSS variables,
// so light, dark and high-contrast themes all read well.
export const STYLE = `
.slips-out { font-family: var(--vscode-editor-font-family, monospace); font-size: var(--vscode-editor-font-size, 13px); color: var(--vscode-foreground); }
.slips-title { font-weight: 600; margin: 4px 0; }
.slips-note { font-weight: normal; color: var(--vscode-descriptionForeground); }
.slips-table { border-collapse: collapse; margin: 4px 0 8px; }
.slips-table th, .slips-table td { border: 1px solid var(--vscode-panel-border, #8884); padding: 2px 8px; text-align: left; vertical-align: top; white-space: pre-wrap; word-break: break-all; }
.slips-table th { background: var(--vscode-editorWidget-background); }
.slips-table .num { text-align: right; font-variant-numeric: tabular-nums; }
.slips-scalar { font-size: 1.6em; font-weight: 600; }
.slips-error { color: var(--vscode-errorForeground); white-space: pre-wrap; }
.slips-badge { display: inline-block; padding: 0 6px; margin-right: 4px; border-radius: 8px; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
.slips-level-critical, .slips-level-high { background: var(--vscode-inputValidation-errorBackground, #a1260d); color: var(--vscode-foreground); }
.slips-level-medium { background: var(--vscode-inputValidation-warningBackground, #b89500); color: var(--vscode-foreground); }
.slips-timeline-row { cursor: pointer; white-space: pre-wrap; padding: 1px 0; }
.slips-timeline-row:hover, .slips-timeline-row.selected { background: var(--vscode-list-hoverBackground); }
.slips-timeline-detail { border-left: 3px solid var(--vscode-focusBorder); padding-left: 8px; margin: 4px 0; }
.slips-filter { background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, #8884); margin: 4px 0; }
.slips-more-button { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); border: none; padding: 2px 10px; margin: 4px 0; cursor: pointer; }
.slips-log { white-space: pre-wrap; font-size: 0.9em; color: var(--vscode-descriptionForeground); }
.slips-vega svg { background: transparent; }
`;
