import type { Command } from 'commander';
import type { CliContext } from './main';
export function registerRecordCommand(program: Command, ctx: CliContext): void { void program; void ctx; }
