import { runAndExit } from './main.js';

void runAndExit();
