/** The public certification practice statement page every certificate's CPS URI points to. */
package uz.eimzo.ra.cps;
