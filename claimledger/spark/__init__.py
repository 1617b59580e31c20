"""The ledger on Apache Spark (``job``) and back into a ledger database (``load``).

Nothing here imports pyspark at package import time: ``claimledger.spark.job`` needs the optional extra
(``pip install claimledger[spark]``), ``claimledger.spark.load`` only pyarrow.
"""
