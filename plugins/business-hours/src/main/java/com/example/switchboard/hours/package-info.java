/**
 * The {@code business-hours} example plugin: tags contacts that arrive outside opening hours. Built against the
 * Switchboard SPI only; see {@code docs/writing-a-plugin.md}.
 */
package com.example.switchboard.hours;
