#!/usr/bin/env node
import '../out/cli/signalbox.mjs';
