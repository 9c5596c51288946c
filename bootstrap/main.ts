import 'reflect-metadata';
import { reportStartupFailure, runProcess } from './process';

runProcess().catch(reportStartupFailure);
