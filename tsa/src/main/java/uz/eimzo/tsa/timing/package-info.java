/** Whether the TSA's clock can be defended: compared now and then with a second opinion, the database server's. */
package uz.eimzo.tsa.timing;
